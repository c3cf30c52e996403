package main

import "github.com/spf13/cobra"

// commands lists every top-level command. Each lives in its own file.
func (a *app) commands() []*cobra.Command {
	return []*cobra.Command{
		a.newCommand(), a.importArchiveCommand(), a.listCommand(), a.showCommand(), a.setCommand(), a.exportCommand(), a.assessCommand(),
		a.eventCommand(), a.factorCommand(), a.actionCommand(), a.lessonCommand(), a.attachCommand(),
		a.timelineCommand(), a.metricsCommand(), a.milestoneCommand(), a.gapsCommand(), a.rosterCommand(),
		a.logsCommand(), a.reportCommand(), a.demoCommand(), a.checkCommand(), a.importCommand(),
	}
}
