using EventTracker.Api.Events;
using EventTracker.Api.Values;

namespace EventTracker.Api.Drafts;

/// <summary>The analysis as the API answers it: refs for every organization, person and event, spans for every value.</summary>
public static class DraftAnswer
{
    public static DraftResponse Build(Gazetteer gazetteer, Analysis analysis, DraftSourceResponse source)
    {
        var found = analysis.Mentions;
        for (var i = 0; i < analysis.Events.Count; i++)
        {
            analysis.Events[i].Ref = "e" + (i + 1);
        }

        // Organizations and people in the order the text names them; those only the store links (a speaker's ministry) last.
        var organizationRefs = new Dictionary<int, string>();
        var personRefs = new Dictionary<int, string>();
        var usedOrganizations = found.Organizations.Select((o, i) => (o, i)).Where(p => p.o.Mentions.Count > 0).Select(p => p.i)
            .Concat(analysis.Events.SelectMany(e => new[] { e.Initiator?.Organization, e.Target?.Organization }).OfType<int>())
            .Concat(found.People.Where(p => p.Organization is not null).Select(p => p.Organization!.Value)).Distinct().ToList();
        foreach (var o in usedOrganizations)
        {
            organizationRefs[o] = "o" + (organizationRefs.Count + 1);
        }

        for (var p = 0; p < found.People.Count; p++)
        {
            personRefs[p] = "a" + (p + 1);
        }

        var organizations = usedOrganizations.Select(i =>
        {
            var o = found.Organizations[i];
            var known = o.Known is { } k ? gazetteer.Organizations[k] : null;
            return new DraftOrganizationResponse(organizationRefs[i], known?.Id, o.Name, o.Kind, o.CountryCode, o.Mentions.OrderBy(m => m.Start).ToList());
        }).ToList();
        var actors = found.People.Select((p, i) => new DraftActorResponse(personRefs[i], p.Known is { } k ? gazetteer.Actors[k].Id : null, p.Name,
            p.Title, p.Organization is { } o ? organizationRefs[o] : null, p.Mentions.OrderBy(m => m.Start).ToList())).ToList();

        var events = analysis.Events.Select(e => Event(e, analysis, organizationRefs, personRefs)).ToList();
        return new DraftResponse(analysis.Text, source, organizations, actors, events);
    }

    private static DraftEventResponse Event(RawEvent e, Analysis analysis, Dictionary<int, string> organizationRefs, Dictionary<int, string> personRefs)
    {
        var found = analysis.Mentions;
        var text = analysis.Text;
        var participants = new List<DraftParticipantResponse>();
        if (e.Initiator is { } initiator)
        {
            participants.Add(new DraftParticipantResponse(organizationRefs[initiator.Organization], null, ParticipantRole.Initiator, initiator.Span));
        }

        if (e.Target is { } target)
        {
            participants.Add(new DraftParticipantResponse(organizationRefs[target.Organization], null, ParticipantRole.Target, target.Span));
        }

        foreach (var (person, span) in e.Spokespeople.DistinctBy(s => s.Person))
        {
            participants.Add(new DraftParticipantResponse(null, personRefs[person], ParticipantRole.Spokesperson, span));
        }

        var date = Drafter.EventDate(e, analysis.PublishedAt);
        PartialDate? parsed = date is not null && PartialDate.TryParse(date, out var d) ? d : null;
        var endDate = e.EndDate is { } end && parsed is { } start && PartialDate.TryParse(end.Value, out var endParsed) && endParsed.Last >= start.First ? e.EndDate : null;
        var relations = new List<DraftRelationResponse>();
        if (e.RespondsTo is { } answered)
        {
            relations.Add(new DraftRelationResponse(RelationType.RespondsTo, answered.Ref, null));
        }
        else if (e.RespondsToExisting is { } stored)
        {
            relations.Add(new DraftRelationResponse(RelationType.RespondsTo, null, stored));
        }

        var evidence = e.Sentences.Distinct().Order().Select(s => new TextSpan(analysis.Sentences[s].Start, analysis.Sentences[s].End)).ToList();
        var confidence = Math.Round(Math.Clamp(e.Confidence - (e.Initiator is null ? 0.3 : 0) - (e.Target is null && e.Type is not "statement" ? 0.1 : 0), 0.05, 0.99), 2);
        var reasons = new List<string>(e.Reasons);
        if (e.Initiator is null)
        {
            reasons.Add("no initiator found: confidence lowered");
        }

        return new DraftEventResponse(
            e.Ref, e.Type, Title(e, found, text), parsed?.Text, parsed?.Precision, e.Date is { } dh ? new TextSpan(dh.Start, dh.End) : null,
            endDate?.Value, endDate is { } eh ? new TextSpan(eh.Start, eh.End) : null,
            e.Status?.Status, e.Status?.Span, participants,
            e.Quantities.Select(q => new DraftQuantityResponse(q.Kind, q.Value, q.Unit, new TextSpan(q.Start, q.End))).ToList(),
            e.Quotes.Select(q => new DraftQuoteResponse(text[q.Start..q.End], q.Speaker is { } s ? personRefs[s] : null, new TextSpan(q.Start, q.End))).ToList(),
            relations, evidence, confidence, reasons, e.Existing is { } existing ? new DraftExistingResponse(existing.Id, existing.Title) : null);
    }

    /// <summary>A short factual title in the product's words: who did what to whom, with the main number.</summary>
    public static string Title(RawEvent e, MentionFinder found, string text)
    {
        var who = e.Initiator is { } i ? found.Organizations[i.Organization].Name
            : e.Spokespeople.Count > 0 ? found.People[e.Spokespeople[0].Person].Name : "Unknown party";
        var whom = e.Target is { } t ? found.Organizations[t.Organization].Name : null;
        long? Count(QuantityKind kind) => e.Quantities.FirstOrDefault(q => q.Kind == kind) is { Value: > 0 } q ? q.Value : null;
        var title = e.Type switch
        {
            "expulsion" => $"{who} expels {(Count(QuantityKind.DiplomatsExpelled) is { } n ? n + " " : "")}diplomats{(whom is null ? "" : " of " + whom)}",
            "accreditation_withdrawal" => $"{who} withdraws the accreditation of {(Count(QuantityKind.AccreditationsWithdrawn) is { } n ? n + " " : "")}staff{(whom is null ? "" : " of " + whom)}",
            "staff_cap" => $"{who} cuts the size of {(whom is null ? "a mission" : whom + "'s mission")}" +
                           (Count(QuantityKind.StaffBefore) is { } b && Count(QuantityKind.StaffAfter) is { } a ? $" from {b} to {a}" : Count(QuantityKind.StaffAfter) is { } cap ? $" to {cap}" : ""),
            "ambassador_recall" => $"{who} recalls its ambassador{(whom is null ? "" : " from " + whom)}",
            "mission_closure" => $"{who} closes {(whom is null ? "a mission" : "a mission of " + whom)}",
            "relations_downgrade" => $"{who} downgrades relations{(whom is null ? "" : " with " + whom)}",
            "retaliation_announced" => $"{who} promises a response{(whom is null ? "" : " to " + whom)}",
            "sanction" => $"{who} imposes sanctions{(whom is null ? "" : " on " + whom)}",
            "accusation" => $"{who} accuses {whom ?? "another party"}",
            "dialogue_offer" => $"{who} offers dialogue{(whom is null ? "" : " to " + whom)}",
            "meeting" => $"{who} meets {whom ?? "another party"}",
            _ => e.Spokespeople.Count > 0 ? $"{found.People[e.Spokespeople[0].Person].Name} makes a statement{(whom is null ? "" : " on " + whom)}" : $"{who} makes a statement",
        };
        return title.Length > 300 ? title[..300] : title;
    }
}
