/**
 * The students' starter repository, bundled in the grader jar as sources and written out by
 * {@code export-starter}: stubs and public tests, the harness and the lab helper, a standalone
 * Maven build with its wrapper, READMEs in English and Chinese, and a CI workflow. Never a
 * reference solution or a hidden test: those are not in the bundle.
 */
package conclab.grader.starter;
