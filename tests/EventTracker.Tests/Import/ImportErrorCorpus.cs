namespace EventTracker.Tests.Import;

/// <summary>
/// Request bodies that break each validator rule at least once, alone and in combination, with well-formed ones among
/// them: the differential test sends each to the resource's POST and to the import, and requires the same errors.
/// Placeholders: {org}, {actor}, {source}, {event} are stored records (the event dated 2021-10-06), {deleted} a deleted
/// organization, {missing} an id no record has, {url} the stored source's URL, {sN} a text of N letters.
/// </summary>
internal static class ImportErrorCorpus
{
    public static readonly string[] Organizations =
    [
        """{"name":"Good State","kind":"state","countryCode":"FR","aliases":["GS"],"wikidataId":"Q142","cameoCode":"FRA"}""",
        """{"name":"Good Ministry","kind":"ministry","countryCode":"FR","parentId":{org}}""",
        """{"kind":"state","countryCode":"FR"}""",
        """{"name":"","kind":"alliance"}""",
        """{"name":"{s301}","kind":"alliance"}""",
        """{"name":"Two\nlines","kind":"alliance"}""",
        """{"name":"No kind"}""",
        """{"name":"Bad kind","kind":"empire"}""",
        """{"name":"Bad country","kind":"ministry","countryCode":"XX"}""",
        """{"name":"Stateless","kind":"state"}""",
        """{"name":"Alliance with a country","kind":"alliance","countryCode":"FR"}""",
        """{"name":"Repeats","kind":"alliance","aliases":["A","A"]}""",
        """{"name":"Empty alias","kind":"alliance","aliases":[""]}""",
        """{"name":"Tab alias","kind":"alliance","aliases":["a\tb","{s301}"]}""",
        """{"name":"Many aliases","kind":"alliance","aliases":{aliases101}}""",
        """{"name":"Bad wikidata","kind":"alliance","wikidataId":"X1"}""",
        """{"name":"Bad cameo","kind":"alliance","cameoCode":"fr"}""",
        """{"name":"Unknown parent","kind":"ministry","countryCode":"FR","parentId":{missing}}""",
        """{"name":"Deleted parent","kind":"ministry","countryCode":"FR","parentId":{deleted}}""",
        """{"name":"Wrong type","kind":"alliance","aliases":"A"}""",
        """{"name":"Unknown field","kind":"alliance","colour":"blue"}""",
        """{"name":42,"kind":"alliance"}""",
        """{"name":"","kind":"state","wikidataId":"Q0","cameoCode":"x","aliases":["B","B"]}""",
        """{"name":"Bad\u0085","kind":"state","countryCode":"ru","parentId":{missing}}""",
    ];

    public static readonly string[] Actors =
    [
        """{"name":"Good Actor","aliases":["G. Actor"],"wikidataId":"Q1","affiliations":[{"organizationId":{org},"title":"minister","from":"2019","to":"2021-05"}]}""",
        """{"aliases":["x"]}""",
        """{"name":"{s301}"}""",
        """{"name":"Line\rbreak"}""",
        """{"name":"Repeats","aliases":["A","A"]}""",
        """{"name":"Bad wikidata","wikidataId":"q5"}""",
        """{"name":"Many","affiliations":{affiliations101}}""",
        """{"name":"No organization","affiliations":[{"title":"envoy"}]}""",
        """{"name":"Bad title","affiliations":[{"organizationId":{org},"title":"a\u0001b"}]}""",
        """{"name":"Bad from","affiliations":[{"organizationId":{org},"from":"2019-02-30"}]}""",
        """{"name":"Bad to","affiliations":[{"organizationId":{org},"to":"soon"}]}""",
        """{"name":"Backwards","affiliations":[{"organizationId":{org},"from":"2020","to":"2019-12"}]}""",
        """{"name":"Unknown organization","affiliations":[{"organizationId":{missing}},{"organizationId":{deleted}}]}""",
        """{"name":"Wrong type","affiliations":{"organizationId":1}}""",
        """{"name":"","wikidataId":"Q","affiliations":[{"from":"2020","to":"2019"},{"organizationId":{missing},"title":"{s301}"}]}""",
    ];

    public static readonly string[] Sources =
    [
        """{"title":"Good source","publisher":"Agency","publishedAt":"2021-10-06T12:00:00Z","language":"pt-BR","excerpt":"Line one\nline two"}""",
        """{"title":"Print source","url":""}""",
        """{"title":"Bad scheme","url":"ftp://example.org/x"}""",
        """{"title":"Relative","url":"/news/1"}""",
        """{"title":"Broken url","url":"https://example.org/\n"}""",
        """{"title":"Long url","url":"https://example.org/{s2049}"}""",
        """{"url":"https://example.org/no-title"}""",
        """{"title":"{s501}"}""",
        """{"title":"Tab\ttitle"}""",
        """{"title":"Bad publisher","publisher":"{s301}"}""",
        """{"title":"Bad date","publishedAt":"yesterday"}""",
        """{"title":"Bad language","language":"english!"}""",
        """{"title":"Bad excerpt","excerpt":"a\u0002b"}""",
        """{"title":"Long excerpt","excerpt":"{s10001}"}""",
        """{"title":"Known url","url":"{url}"}""",
        """{"title":"Wrong type","publishedAt":2021}""",
        """{"title":"","url":"mailto:x@example.org","language":"1","publishedAt":"2021-13"}""",
    ];

    public static readonly string[] Events =
    [
        """{"type":"accreditation_withdrawal","title":"Good event","date":"2021-10-08","status":"completed","summary":"Tab\tand\nlines","location":{"name":"Brussels","countryCode":"BE","latitude":50.85,"longitude":4.35},"participants":[{"organizationId":{org},"role":"initiator"},{"actorId":{actor},"role":"spokesperson"}],"quantities":[{"kind":"accreditations_withdrawn","value":8,"unit":"people"}],"citations":[{"sourceId":{source},"quote":"eight","speakerActorId":{actor}}],"relations":[{"type":"responds_to","targetEventId":{event}}],"tags":["nato","russia"],"externalIds":{"gdelt":"123","wikidata":"Q1"}}""",
        """{"type":"retaliation_announced","title":"Good partial dates","date":"2021-10","endDate":"2022","status":"announced"}""",
        """{"title":"No type","date":"2021-10-06","status":"completed"}""",
        """{"type":"","title":"Empty type","date":"2021-10-06","status":"completed"}""",
        """{"type":"no_such_type","title":"Unknown type","date":"2021-10-06","status":"completed"}""",
        """{"type":"accreditation_withdrawal","date":"2021-10-06","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"{s301}","date":"2021-10-06","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"Two\nlines","date":"2021-10-06","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"Long summary","summary":"{s10001}","date":"2021-10-06","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"Bell","summary":"ding\u0007","date":"2021-10-06","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"No date","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"Bad date","date":"2021-13-01","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"Too early","date":"0999","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"Bad end","date":"2021","endDate":"later","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"Backwards","date":"2021-10-06","endDate":"2021-09","status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"Location","date":"2021-10-06","status":"completed","location":{"name":"a\tb","countryCode":"XX","latitude":91}}""",
        """{"type":"accreditation_withdrawal","title":"Longitude","date":"2021-10-06","status":"completed","location":{"longitude":-181}}""",
        """{"type":"accreditation_withdrawal","title":"Many participants","date":"2021-10-06","status":"completed","participants":{participants101}}""",
        """{"type":"accreditation_withdrawal","title":"Null participant","date":"2021-10-06","status":"completed","participants":[null]}""",
        """{"type":"accreditation_withdrawal","title":"Both","date":"2021-10-06","status":"completed","participants":[{"organizationId":{org},"actorId":{actor},"role":"target"},{"role":"target"}]}""",
        """{"type":"accreditation_withdrawal","title":"No role","date":"2021-10-06","status":"completed","participants":[{"organizationId":{org}}]}""",
        """{"type":"accreditation_withdrawal","title":"Bad role","date":"2021-10-06","status":"completed","participants":[{"organizationId":{org},"role":"boss"}]}""",
        """{"type":"accreditation_withdrawal","title":"Twice","date":"2021-10-06","status":"completed","participants":[{"organizationId":{org},"role":"target"},{"organizationId":{org},"role":"target"}]}""",
        """{"type":"accreditation_withdrawal","title":"Unknown participants","date":"2021-10-06","status":"completed","participants":[{"organizationId":{missing},"role":"target"},{"organizationId":{deleted},"role":"initiator"},{"actorId":{missing},"role":"commentator"}]}""",
        """{"type":"accreditation_withdrawal","title":"Quantities","date":"2021-10-06","status":"completed","quantities":[{"value":1},{"kind":"accreditations_withdrawn"},{"kind":"accreditations_withdrawn","value":-1,"unit":"a\nb","note":"x\u0001"}]}""",
        """{"type":"accreditation_withdrawal","title":"Many quantities","date":"2021-10-06","status":"completed","quantities":{quantities101}}""",
        """{"type":"accreditation_withdrawal","title":"Citations","date":"2021-10-06","status":"completed","citations":[{"quote":"{s2001}"},{"sourceId":{missing},"speakerActorId":{missing}}]}""",
        """{"type":"accreditation_withdrawal","title":"Bad claim","date":"2021-10-06","status":"completed","citations":[{"sourceId":{source},"claim":"rumour"}]}""",
        """{"type":"accreditation_withdrawal","title":"Relations","date":"2021-10-06","status":"completed","relations":[{"targetEventId":{event}},{"type":"follows_up"},{"type":"follows_up","targetEventId":{missing}}]}""",
        """{"type":"accreditation_withdrawal","title":"Same link","date":"2021-10-06","status":"completed","relations":[{"type":"follows_up","targetEventId":{event}},{"type":"follows_up","targetEventId":{event}}]}""",
        """{"type":"retaliation_announced","title":"Answers before","date":"2020-01-01","status":"announced","relations":[{"type":"responds_to","targetEventId":{event}}]}""",
        """{"type":"accreditation_withdrawal","title":"Tags","date":"2021-10-06","status":"completed","tags":["a","a"]}""",
        """{"type":"accreditation_withdrawal","title":"Bad tags","date":"2021-10-06","status":"completed","tags":["","{s65}","x\ty"]}""",
        """{"type":"accreditation_withdrawal","title":"Many tags","date":"2021-10-06","status":"completed","tags":{tags51}}""",
        """{"type":"accreditation_withdrawal","title":"External ids","date":"2021-10-06","status":"completed","externalIds":{"gdelt":"","icews":"a\nb","nope":"1"}}""",
        """{"type":"accreditation_withdrawal","title":"Too many ids","date":"2021-10-06","status":"completed","externalIds":{"gdelt":"1","icews":"2","polecat":"3","acled":"4","wikidata":"5","other":"6"}}""",
        """{"type":"accreditation_withdrawal","title":"Bad status","date":"2021-10-06","status":"rumoured"}""",
        """{"type":"accreditation_withdrawal","title":"Number date","date":20211006,"status":"completed"}""",
        """{"type":"accreditation_withdrawal","title":"String list","date":"2021-10-06","status":"completed","participants":"all"}""",
        """{"type":"accreditation_withdrawal","title":"Unknown field","date":"2021-10-06","status":"completed","colour":"red"}""",
        """{"title":"","date":"2021-02-30","endDate":"x","participants":[{"organizationId":{org}}],"tags":["t","t"]}""",
        """{"type":"no_such_type","title":"Combined","date":"2021-10-06","status":"completed","location":{"latitude":1},"quantities":[{"kind":"accreditations_withdrawn","value":-5}],"participants":[{"organizationId":{missing},"role":"target"}]}""",
        """{"type":"accreditation_withdrawal","title":"References only","date":"2021-10-06","status":"completed","participants":[{"organizationId":{missing},"role":"target"}],"citations":[{"sourceId":{missing}}],"relations":[{"type":"responds_to","targetEventId":{missing}}]}""",
    ];
}
