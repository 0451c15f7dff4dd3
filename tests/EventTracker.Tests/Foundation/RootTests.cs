using System.Net;
using EventTracker.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EventTracker.Tests.Foundation;

public sealed class RootTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Fact]
    public async Task TheRootLeadsToSwaggerUi()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/swagger", response.Headers.Location?.OriginalString);
    }
}
