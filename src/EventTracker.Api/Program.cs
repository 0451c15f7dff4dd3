using EventTracker.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEventTracker();

var app = builder.Build();
app.UseEventTracker();
app.Run();
