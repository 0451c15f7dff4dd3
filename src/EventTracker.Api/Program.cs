using EventTracker.Api.Hosting;
using EventTracker.Api.Import;

var builder = WebApplication.CreateBuilder(args);
builder.AddEventTracker();

var app = builder.Build();
if (ImportCommand.Matches(args))
{
    return await ImportCommand.RunAsync(app, args);
}

app.UseEventTracker();
await app.RunAsync();
return 0;
