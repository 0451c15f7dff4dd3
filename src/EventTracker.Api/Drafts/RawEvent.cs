using EventTracker.Api.Events;

namespace EventTracker.Api.Drafts;

/// <summary>An event as the rules build it, before it is merged with its other mentions and answered.</summary>
public sealed class RawEvent(string type, TriggerHit trigger, int sentence)
{
    public string Type { get; set; } = type;
    public TriggerHit Trigger { get; } = trigger;
    public int Sentence { get; } = sentence;
    public List<int> Sentences { get; } = [sentence];
    public (int Organization, TextSpan Span)? Initiator { get; set; }
    public (int Organization, TextSpan Span)? Target { get; set; }
    public List<(int Person, TextSpan Span)> Spokespeople { get; } = [];
    public List<QuantityHit> Quantities { get; } = [];
    public DateHit? Date { get; set; }
    public DateHit? EndDate { get; set; }
    public (EventStatus Status, TextSpan Span)? Status { get; set; }
    public List<QuoteHit> Quotes { get; } = [];
    public bool Referenced { get; set; }
    public bool ResponseCue { get; set; }
    public List<string> Reasons { get; } = [];
    public double Confidence { get; set; } = 0.8;
    public RawEvent? RespondsTo { get; set; }
    public long? RespondsToExisting { get; set; }
    public (long Id, string Title)? Existing { get; set; }
    public string Ref { get; set; } = "";
}
