package io.herald.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A standard 5-field cron expression (minute hour day-of-month month day-of-week, as in crontab(5)), evaluated on
 * the wall clock: it answers "the next matching local date-time", and DueTimes turns that into an instant in the
 * campaign's time zone. Keeping cron-utils on local time (it is given UTC, which has no DST) leaves every DST rule
 * in one place, DueTimes.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime times;

    private CronSchedule(String expression, ExecutionTime times) {
        this.expression = expression;
        this.times = times;
    }

    /** Parses the expression; IllegalArgumentException says what is wrong with it. */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the cron expression is empty");
        }
        String trimmed = expression.trim().replaceAll("\\s+", " ");
        if (trimmed.split(" ").length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day-of-month month "
                    + "day-of-week), not " + trimmed.split(" ").length);
        }
        try {
            CronSchedule cron = new CronSchedule(trimmed, ExecutionTime.forCron(PARSER.parse(trimmed).validate()));
            if (cron.nextAfter(LocalDateTime.of(2000, 1, 1, 0, 0)) == null) {
                throw new IllegalArgumentException("it never matches a date");
            }
            return cron;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The first matching minute strictly after {@code after}, on the wall clock; null if there is none. */
    public LocalDateTime nextAfter(LocalDateTime after) {
        return times.nextExecution(after.atZone(ZoneOffset.UTC))
                .map(t -> t.toLocalDateTime())
                .orElse(null);
    }

    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
