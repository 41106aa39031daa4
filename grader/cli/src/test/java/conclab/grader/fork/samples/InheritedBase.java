package conclab.grader.fork.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Test classes the planner's tests discover, never run: a base whose tests two classes inherit. */
public abstract class InheritedBase {

    @Test
    public void inherited() {
    }

    @Test
    public void overloaded() {
    }

    @Test
    public void overloaded(TestInfo info) {
    }
}
