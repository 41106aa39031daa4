package conclab.grader.fork.samples;

/** Inherits the base's tests, worth the default here. */
public class SecondHeir extends InheritedBase {
}
