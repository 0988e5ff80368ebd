namespace Jianguan.Integrity;

/// <summary>
/// One entry of the audit trail as it is stored and exported. <see cref="Hash"/> covers every other
/// field, including <see cref="PreviousHash"/>, so an entry cannot change or move without breaking
/// the chain from that point on.
/// </summary>
public sealed record AuditRecord(
    long Sequence,
    DateTime OccurredAtUtc,
    string? ActorId,
    string ActorName,
    int? DepartmentId,
    string Action,
    string EntityType,
    string EntityKey,
    string Changes,
    string PreviousHash,
    string Hash);
