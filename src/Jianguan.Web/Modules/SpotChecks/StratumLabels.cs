using System.Security.Cryptography;
using System.Text;
using Jianguan.Draw;

namespace Jianguan.Web.Modules.SpotChecks;

/// <summary>
/// The public labels of a draw's strata: each stratum, when its first entity is read, gets a label drawn uniformly
/// at random, by the system's cryptographic generator, from the labels not yet dealt among S00000 to S99999. A
/// label says nothing of the stratum's risk class or township, nor of the order in which the strata were met, and
/// dealing it needs no knowledge of the other strata: the pool can be frozen while it is read.
/// </summary>
public sealed class StratumLabels
{
    /// <summary>Labels S00000 … S99999.</summary>
    private const int Space = 100_000;

    /// <summary>At most half the space is dealt, so a draw of a free label takes two tries at worst on average.</summary>
    public const int MaxStrata = Space / 2;

    private readonly List<byte[]> _byStratum = [];
    private readonly HashSet<int> _dealt = [];

    /// <summary>Strata labelled so far.</summary>
    public int Count => _byStratum.Count;

    /// <summary>The label of stratum <paramref name="stratum"/> (numbered from 0 in the order first met) as UTF-8, dealt now if it is new.</summary>
    public byte[] Of(int stratum)
    {
        if (stratum < _byStratum.Count) return _byStratum[stratum];
        if (stratum != _byStratum.Count) throw new ArgumentOutOfRangeException(nameof(stratum), "Strata are numbered in the order first met.");
        if (_byStratum.Count == MaxStrata)
            throw new DrawException("too-many-strata", $"The pool has more than {MaxStrata:N0} strata.", $"检查对象名录的层数超过 {MaxStrata} 个，请减少分层维度。");
        int label;
        do label = RandomNumberGenerator.GetInt32(Space);
        while (!_dealt.Add(label));
        var bytes = Encoding.ASCII.GetBytes($"S{label:00000}");
        _byStratum.Add(bytes);
        return bytes;
    }

    /// <summary>The label of a stratum already met.</summary>
    public string Name(int stratum) => Encoding.ASCII.GetString(_byStratum[stratum]);
}
