using EventTracker.Api.Drafts;
using EventTracker.Api.Hosting;
using EventTracker.Api.Import;
using EventTracker.Api.Operations;
using EventTracker.Api.Storage.Postgres;

var command = CommandLine.Parse(args);
// Settings are read once at start (IOptions), so watching their files buys nothing, and the watcher
// covers the whole content root: with the database in its data/ folder (the default under dotnet run)
// it handled an event for every write. Later arguments may still turn it back on.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. command.ConfigurationArgs]);
builder.AddEventTracker();

var app = builder.Build();
switch (command.Verb)
{
    case "import":
        return await ImportCommand.RunAsync(app, command.File);
    case "backup":
        return await BackupCommand.RunAsync(app, command.File);
    case "migrate-store":
        return await MigrateStoreCommand.RunAsync(app);
    case "draft":
        return await DraftCommand.RunAsync(app, command.Files);
}

app.UseEventTracker();
await app.RunAsync();
return 0;
