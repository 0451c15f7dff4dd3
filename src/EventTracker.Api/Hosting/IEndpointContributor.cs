namespace EventTracker.Api.Hosting;

/// <summary>
/// Extra endpoints registered as services, mapped beside the built-in ones. The test suite uses it to
/// mount probes (an endpoint that throws, one that needs the admin role) into the real pipeline.
/// </summary>
public interface IEndpointContributor
{
    void Map(RouteGroupBuilder api);
}
