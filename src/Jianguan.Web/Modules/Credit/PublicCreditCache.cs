using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Jianguan.Web.Modules.Credit;

/// <summary>
/// Public credit answers kept in this instance's memory, so that most look-ups need no database round trip: on
/// PostgreSQL only, and only while this instance hears the database's notifications (channel
/// <c>jianguan_public_credit</c>, sent at commit by the triggers on <c>public_credit_snapshots</c> whenever a snapshot is
/// voided, rewritten or deleted, and on <c>supervised_entities</c> when entities are added). Each message names the
/// codes to forget, or <c>*</c> for all. An answer becomes stale
/// only for the moment between a change's commit and its message's arrival; a look-up that read the database before a
/// message about its code was handled does not keep what it read (<see cref="Epoch"/>); when the connection that
/// listens is lost, everything is forgotten and nothing kept until it listens again. SQLite runs in one process
/// without notifications: there the snapshot table answers every look-up. Bounded by Credit:PublicCacheMegabytes
/// (an answer counts its bytes and 200 for its key and bookkeeping); 0 turns it off.
/// </summary>
public sealed class PublicCreditCache : BackgroundService
{
    public const string Channel = "jianguan_public_credit";
    private const int Stripes = 1024;
    private const int EntryOverhead = 200;

    private readonly NpgsqlDataSource? _postgres;
    private readonly ILogger<PublicCreditCache> _log;
    private readonly MemoryCache? _answers;
    /// <summary>Raised for a code's stripe when a message names the code, for all when everything is forgotten.</summary>
    private readonly long[] _epochs = new long[Stripes];
    private volatile bool _listening;
    private readonly Dictionary<string, TaskCompletionSource> _barriers = [];

    public PublicCreditCache(IServiceProvider services, IConfiguration configuration, ILogger<PublicCreditCache> log)
    {
        _log = log;
        _postgres = services.GetService<NpgsqlDataSource>();
        var megabytes = configuration.GetValue("Credit:PublicCacheMegabytes", 1024L);
        if (_postgres is not null && megabytes > 0)
            _answers = new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024 * 1024, CompactionPercentage = 0.1 });
    }

    /// <summary>
    /// One kept answer: the snapshot's JSON with the day it was built and the day it stops being right; no JSON when no
    /// entity has the code (a message announces every entity added or given a new code).
    /// </summary>
    public sealed record Answer(byte[]? Json, DateOnly BuiltOn, DateOnly? ValidUntil);

    public static readonly Answer NoEntity = new(null, DateOnly.MinValue, null);

    /// <summary>Whether answers are kept now (PostgreSQL, turned on, and listening).</summary>
    public bool IsActive => _answers is not null && _listening;

    public bool TryGet(string code, out Answer? answer)
    {
        answer = null;
        return IsActive && _answers!.TryGetValue(code, out answer);
    }

    /// <summary>Read before reading the database for <paramref name="code"/>, and given back to <see cref="Keep"/>.</summary>
    public long Epoch(string code) => Volatile.Read(ref _epochs[Stripe(code)]);

    /// <summary>
    /// Keeps <paramref name="answer"/> for <paramref name="code"/> unless a message about the code was handled since
    /// <paramref name="epoch"/> was read (the answer may predate the change it announced). Checked again after adding,
    /// since a message may be handled between the check and the add.
    /// </summary>
    public void Keep(string code, Answer answer, long epoch)
    {
        if (!IsActive || Epoch(code) != epoch) return;
        _answers!.Set(code, answer, new MemoryCacheEntryOptions { Size = (answer.Json?.Length ?? 0) + EntryOverhead });
        if (Epoch(code) != epoch || !_listening) _answers!.Remove(code);
    }

    /// <summary>
    /// Returns once every change committed before the call has been heard (a message of this instance's own, sent
    /// after them, has come back), or at once when no answers are kept. Tests use it to read their own writes.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        if (_answers is null || _postgres is null) return;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            while (!_listening)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("Not listening for public credit changes.");
                await Task.Delay(20, ct);
            }
            var token = $"catch-up:{Guid.NewGuid():N}";
            var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_barriers) _barriers[token] = heard;
            try
            {
                await using (var command = _postgres.CreateCommand("SELECT pg_notify(@channel, @token)"))
                {
                    command.Parameters.AddWithValue("channel", Channel);
                    command.Parameters.AddWithValue("token", token);
                    await command.ExecuteNonQueryAsync(ct);
                }
                await heard.Task.WaitAsync(deadline - DateTime.UtcNow, ct);
                return;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                // The connection that listens was lost before the message came back: again on the next one.
            }
            finally
            {
                lock (_barriers) _barriers.Remove(token);
            }
        }
    }

    private static async Task StopListeningAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection) { CommandTimeout = 5 };
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Broken: the pool will not hand it out again.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_answers is null || _postgres is null) return;
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _postgres.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Whatever changed while no one listened: forgotten before anything is kept again.
                ForgetAll();
                _listening = true;
                delay = TimeSpan.FromSeconds(1);
                try
                {
                    while (true)
                    {
                        // A silent minute: ask the server something, so a connection lost without a word is noticed.
                        if (!await connection.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken))
                            await using (var ping = new NpgsqlCommand("SELECT 1", connection))
                                await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
                finally
                {
                    // The pool does not reset connections (PostgresConnectionStrings): this one stops listening
                    // before it goes back, or a request would get it still subscribed.
                    await StopListeningAsync(connection);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "Not listening for public credit changes: answers are read from the database until listening again in {Delay}.", delay);
            }
            finally
            {
                _listening = false;
                ForgetAll();
                lock (_barriers)
                    foreach (var waiting in _barriers.Values) waiting.TrySetCanceled();
            }
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
        }
    }

    private void Heard(string payload)
    {
        if (payload.StartsWith("catch-up:", StringComparison.Ordinal))
        {
            lock (_barriers)
                if (_barriers.TryGetValue(payload, out var heard)) heard.TrySetResult();
            return;
        }
        if (payload == "*")
        {
            ForgetAll();
            return;
        }
        foreach (var code in payload.Split(','))
        {
            Interlocked.Increment(ref _epochs[Stripe(code)]);
            _answers!.Remove(code);
        }
    }

    private void ForgetAll()
    {
        for (var i = 0; i < Stripes; i++) Interlocked.Increment(ref _epochs[i]);
        _answers!.Clear();
    }

    private static int Stripe(string code) => (int)((uint)string.GetHashCode(code, StringComparison.Ordinal) % Stripes);

    public override void Dispose()
    {
        base.Dispose();
        _answers?.Dispose();
    }
}
