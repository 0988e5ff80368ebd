namespace Jianguan.Draw;

/// <summary>
/// Input the draw refuses: an empty pool, a duplicate credit code, a quota above its stratum, a malformed
/// secret… <see cref="Code"/> is a stable English code for programs (<c>empty-pool</c>, <c>duplicate-code</c>);
/// <see cref="Exception.Message"/> says what is wrong in English, <see cref="Chinese"/> in Chinese for the UI.
/// </summary>
public sealed class DrawException(string code, string message, string chinese) : Exception(message)
{
    public string Code { get; } = code;
    public string Chinese { get; } = chinese;
}
