package io.lodestar.acs.sim.load;

import java.util.List;

/** A load run's result: its settings and each phase's figures, as the JSON summary prints them. */
public record LoadReport(LoadConfig config, List<PhaseResult> phases) {

    /** The measured phase (the scenario; the priming discovery comes before it when there is one). */
    public PhaseResult measured() {
        return phases.get(phases.size() - 1);
    }

    /** Sessions/s of the measured phase. */
    public double sessionsPerSecond() {
        return measured().sessionsPerSecond();
    }

    /** Whether every session of every phase succeeded. */
    public boolean allOk() {
        return phases.stream().allMatch(p -> p.failed() == 0);
    }

    /**
     * Whether the measured phase did what it is for: every device served (storms, discovery), or no session failed
     * (periodic).
     */
    public boolean goalReached() {
        PhaseResult m = measured();
        return config.scenario() == Scenario.PERIODIC ? m.failed() == 0 && m.ok() > 0 : m.devicesServed() == m.devices();
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\"url\":").append(Json.string(config.url().toString()))
                .append(",\"scenario\":").append(Json.string(config.scenario().cliName()))
                .append(",\"devices\":").append(config.devices())
                .append(",\"concurrency\":").append(config.concurrency())
                .append(",\"rate\":").append(config.rate() > 0 ? Json.number(config.rate()) : "null")
                .append(",\"retryScale\":").append(Json.number(config.retryScale()))
                .append(",\"authentication\":").append(config.username() != null)
                .append(",\"connectPerSession\":").append(config.connectPerSession())
                .append(",\"parametersPerDevice\":").append(config.model().parameterCount())
                .append(",\"phases\":[");
        for (int i = 0; i < phases.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(phases.get(i).toJson());
        }
        return sb.append("]}").toString();
    }
}
