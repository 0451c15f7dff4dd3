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

    /// <summary>The other members of a list the initiator or the target stands in ("Poland, France and Germany expel ...").</summary>
    public List<(int Organization, TextSpan Span)> OtherInitiators { get; } = [];
    public List<(int Organization, TextSpan Span)> OtherTargets { get; } = [];

    /// <summary>The same event with another initiator or target: a list in the text is one event per member.</summary>
    public RawEvent With((int Organization, TextSpan Span)? initiator, (int Organization, TextSpan Span)? target)
    {
        var copy = new RawEvent(Type, Trigger, Sentence)
        {
            Initiator = initiator, Target = target, Date = Date, EndDate = EndDate, Status = Status, Referenced = Referenced,
            ResponseCue = ResponseCue, Confidence = Confidence - 0.05,
        };
        copy.Sentences.Clear();
        copy.Sentences.AddRange(Sentences);
        copy.Spokespeople.AddRange(Spokespeople);
        copy.Quantities.AddRange(Quantities);
        copy.Reasons.AddRange(Reasons);
        copy.Reasons.Add("one of a list of parties in the sentence");
        return copy;
    }
    public List<(int Person, TextSpan Span)> Spokespeople { get; } = [];
    public List<QuantityHit> Quantities { get; } = [];
    public DateHit? Date { get; set; }
    public DateHit? EndDate { get; set; }
    public (EventStatus Status, TextSpan Span)? Status { get; set; }
    public List<QuoteHit> Quotes { get; } = [];
    public bool Referenced { get; set; }

    /// <summary>Named with a definite article ("the expulsion"): the same measure as the last one of its type.</summary>
    public bool Anaphoric { get; init; }
    public bool ResponseCue { get; set; }
    public List<string> Reasons { get; } = [];
    public double Confidence { get; set; } = 0.8;
    public RawEvent? RespondsTo { get; set; }
    public long? RespondsToExisting { get; set; }
    public (long Id, string Title)? Existing { get; set; }
    public string Ref { get; set; } = "";
}
