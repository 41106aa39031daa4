package conclab.grader.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads {@code 500ms}, {@code 10s}, {@code 5m} or a bare number of seconds, up to a day. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");
    private static final Duration LONGEST = Duration.ofDays(1);

    @Override
    public Duration convert(String value) {
        Matcher matcher = FORM.matcher(value.trim());
        if (!matcher.matches()) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a duration: write it as 500ms, 10s, 5m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is out of range: a duration must be more than zero and at most 24h");
        }
        return duration;
    }
}
