using CommsHub.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
