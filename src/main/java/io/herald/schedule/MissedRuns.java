package io.herald.schedule;

/**
 * What happens to due times that passed while no Herald node was running (DueTimes.MISSED_AFTER late or more):
 * "run-once" (the default) sends one run for the latest of them at startup; "skip" sends none and waits for the next.
 */
public enum MissedRuns {
    RUN_ONCE("run-once"), SKIP("skip");

    private final String json;

    MissedRuns(String json) {
        this.json = json;
    }

    /** The name in the API. */
    public String json() {
        return json;
    }

    /** Parses the API name; null when it is neither. */
    public static MissedRuns parse(String text) {
        for (MissedRuns m : values()) {
            if (m.json.equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        return null;
    }
}
