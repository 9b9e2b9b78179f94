import ReelCLI

await ReelCommand.launch()
