package katas.support.architecturesamples;

import katas.tool.Project;

/** Breaks the rule that learner-facing code never depends on the kata command: proves the rule can fail. */
public final class DependsOnTool {
    Project project;
}
