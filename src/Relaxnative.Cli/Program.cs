using Relaxnative.Cli;

return CliApp.Run(args);
