package conclab.grader.fork.samples;

import conclab.harness.Points;

/** Inherits the base's tests, worth 3 each here. */
@Points(3)
public class FirstHeir extends InheritedBase {
}
