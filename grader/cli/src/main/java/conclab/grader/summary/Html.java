package conclab.grader.summary;

/**
 * Text made safe for HTML and SVG, in element content and in quoted attributes alike: a
 * report's messages and output come from student code, and none of it may become markup.
 */
public final class Html {

    private Html() {
    }

    /**
     * {@code &}, {@code <}, {@code >}, {@code "} and {@code '} as entities; control characters
     * that HTML does not allow (all but tab, line feed and carriage return) as U+FFFD; null as
     * the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                        || c == 0x7F ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
