/** Small file-system helpers: whole folder trees, and files written atomically. */
package conclab.grader.io;
