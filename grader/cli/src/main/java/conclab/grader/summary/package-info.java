/**
 * The instructors' view of a class: the reports of a folder read back, a CSV gradebook and a
 * self-contained HTML dashboard with inline SVG charts. Everything here treats a report's text
 * as hostile (a submission wrote much of it).
 */
package conclab.grader.summary;
