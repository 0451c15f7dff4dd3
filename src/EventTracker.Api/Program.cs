using EventTracker.Api.Hosting;
using EventTracker.Api.Import;
using EventTracker.Api.Operations;

var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.ConfigurationArgs);
builder.AddEventTracker();

var app = builder.Build();
switch (command.Verb)
{
    case "import":
        return await ImportCommand.RunAsync(app, command.File);
    case "backup":
        return await BackupCommand.RunAsync(app, command.File);
}

app.UseEventTracker();
await app.RunAsync();
return 0;
