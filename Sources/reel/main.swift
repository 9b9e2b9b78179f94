import ReelCLI
await ReelCommand.main()
