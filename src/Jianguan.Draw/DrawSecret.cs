using System.Security.Cryptography;

namespace Jianguan.Draw;

/// <summary>
/// The draw's secret: 32 bytes from a cryptographic random generator, created with the task and kept until the
/// draw. Only its commitment, SHA-256 of the 32 bytes, is published before the draw; the secret itself is
/// published in the draw record, so that anyone can check it matches the commitment. Both are written as 64
/// lowercase hex digits.
/// </summary>
public static class DrawSecret
{
    public const int Length = 32;

    /// <summary>A new secret from <see cref="RandomNumberGenerator"/>, as 64 lowercase hex digits.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length));

    /// <summary>The commitment to publish: SHA-256 of the secret's 32 bytes, as 64 lowercase hex digits.</summary>
    public static string Commitment(string secret) => Convert.ToHexStringLower(SHA256.HashData(Parse(secret)));

    /// <summary>The secret's 32 bytes; refuses anything but 64 hex digits.</summary>
    public static byte[] Parse(string secret) =>
        Hex.TryParse32(secret, out var bytes) ? bytes
            : throw new DrawException("bad-secret", "The secret must be 64 hex digits (32 bytes).", "摇号密钥应为 64 位十六进制数（32 字节）。");
}

internal static class Hex
{
    /// <summary>Exactly 64 hex digits (either case) to 32 bytes.</summary>
    public static bool TryParse32(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is not { Length: 64 } || !text.All(Uri.IsHexDigit)) return false;
        bytes = Convert.FromHexString(text);
        return true;
    }
}
