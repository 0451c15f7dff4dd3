using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Foundation;

public sealed class ErrorResponseTests(ProbedEventTrackerApp app) : IClassFixture<ProbedEventTrackerApp>
{
    private const string EditorProbe = "/api/v1/_probe/editor";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task UnknownRouteIsProblem404()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/no-such-thing");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethodIsProblem405()
    {
        var response = await app.CreateClient().DeleteAsync("/api/v1/event-types");
        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task NonJsonContentTypeIsProblem415()
    {
        var response = await app.CreateEditorClient().PostAsync(EditorProbe, new StringContent("name=x", Encoding.UTF8, "text/plain"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task MalformedJsonIsProblem400()
    {
        var response = await app.CreateEditorClient().PostAsync(EditorProbe, Json("""{"name": "x", "count": """));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WrongJsonTypeIsProblem400NamingTheField()
    {
        var response = await app.CreateEditorClient().PostAsync(EditorProbe, Json("""{"name": "x", "count": "3"}"""));
        var messages = await response.AssertValidationErrorAsync("count");
        Assert.Contains("wrong JSON type", messages.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownJsonFieldIsProblem400NamingTheField()
    {
        var response = await app.CreateEditorClient().PostAsync(EditorProbe, Json("""{"name": "x", "count": 1, "colour": "red"}"""));
        await response.AssertValidationErrorAsync("colour");
    }

    [Fact]
    public async Task NullForANonNullableFieldIsProblem400()
    {
        var response = await app.CreateEditorClient().PostAsync(EditorProbe, Json("""{"name": null, "count": 1}"""));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeeplyNestedJsonIsProblem400()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var response = await app.CreateEditorClient().PostAsync(EditorProbe, Json($$"""{"name": "x", "count": 1, "tags": {{deep}}}"""));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BodyOverTheCapIsProblem413()
    {
        var huge = new string('x', 1024 * 1024 + 10);
        var response = await app.CreateEditorClient().PostAsync(EditorProbe, Json($$"""{"name": "{{huge}}", "count": 1}"""));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ChunkedBodyOverTheCapIsProblem413()
    {
        var huge = new string('x', 1024 * 1024 + 10);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"name": "{{huge}}", "count": 1}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, EditorProbe) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await app.CreateEditorClient().SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UnexpectedFailureIsProblem500WithoutStackTraceOrSql()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/_probe/throw");
        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var text = problem.ToString();
        Assert.DoesNotContain("secret_table", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, line => line.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidJsonReachesTheHandler()
    {
        var response = await app.CreateEditorClient().PostAsync(EditorProbe, Json("""{"name": "Пресс-секретарь", "count": 2}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Пресс-секретарь", (await response.ReadJsonAsync()).GetProperty("name").GetString());
    }
}
