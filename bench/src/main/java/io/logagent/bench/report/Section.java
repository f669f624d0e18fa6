package io.logagent.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one benchmark: a table of measurements (one row per contender or query), its goals and notes
 * (sizes used, how a figure was measured). Built by one benchmark thread, then only read.
 */
public final class Section {
    /** One goal: what was asked, what was measured, the ratio or value compared, and whether it is met. */
    public record Goal(String goal, String measured, boolean met) { }

    private final String name;
    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Goal> goals = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Section(String name, String title, List<String> columns) {
        this.name = name;
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    public Section row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(Format.cell(c));
        }
        rows.add(row);
        return this;
    }

    public Section goal(String goal, String measured, boolean met) {
        goals.add(new Goal(goal, measured, met));
        return this;
    }

    public Section note(String note) {
        notes.add(note);
        return this;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return rows;
    }

    public List<Goal> goals() {
        return goals;
    }

    public List<String> notes() {
        return notes;
    }
}
