package conclab.join;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the parent observed during one run: each child's span, and when the parent went on.
 *
 * @param children one span per child, in the order of the run's list (child {@code "1"} first),
 *                 whatever order they ran or ended in
 * @param wentOn   when the parent went on after its joins, since the run's origin: the moment
 *                 it was done joining and about to return this timeline (for a run without
 *                 children, about zero)
 */
public record Timeline(List<ChildSpan> children, Duration wentOn) {

    public Timeline {
        children = List.copyOf(children);
        Objects.requireNonNull(wentOn, "wentOn");
    }
}
