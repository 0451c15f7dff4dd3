namespace EventTracker.Api.EventTypes;

/// <summary>The event taxonomy.</summary>
/// <param name="Items">Every event type, in the order of the design's table.</param>
public sealed record EventTypeList(IReadOnlyList<EventTypeResponse> Items);

/// <summary>One event type.</summary>
/// <param name="Code">The value of an event's <c>type</c>, e.g. <c>accreditation_withdrawal</c>.</param>
/// <param name="Label">A human-readable name.</param>
/// <param name="Description">What the type covers.</param>
/// <param name="Cameo">The CAMEO event code it maps to.</param>
/// <param name="Plover">The PLOVER event type and mode it maps to.</param>
public sealed record EventTypeResponse(string Code, string Label, string Description, CameoMapping Cameo, PloverMapping Plover);

/// <summary>A CAMEO mapping.</summary>
/// <param name="Code">The CAMEO event code, e.g. <c>161</c> (reduce or break diplomatic relations).</param>
/// <param name="Note">A caveat on the mapping, if any.</param>
public sealed record CameoMapping(string Code, string? Note);

/// <summary>A PLOVER mapping.</summary>
/// <param name="EventType">The PLOVER event type, e.g. <c>SANCTION</c>; null where PLOVER has none.</param>
/// <param name="Mode">The PLOVER mode, e.g. <c>expel</c>; null where none applies.</param>
public sealed record PloverMapping(string? EventType, string? Mode);
