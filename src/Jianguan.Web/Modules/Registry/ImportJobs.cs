using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Jianguan.Web.Platform.Audit;
using Jianguan.Web.Platform.Auth;
using Jianguan.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jianguan.Web.Modules.Registry;

/// <summary>
/// The progress of the imports running on this instance. In memory, not in the database: on SQLite the
/// import's transaction holds the only write lock until it commits, so nobody could write the progress.
/// </summary>
public sealed class ImportProgressBoard
{
    private readonly ConcurrentDictionary<Guid, ImportProgress> _progress = new();

    public ImportProgress? Of(Guid job) => _progress.TryGetValue(job, out var p) ? p : null;

    internal IProgress<ImportProgress> For(Guid job) => new Reporter(this, job);

    internal void Forget(Guid job) => _progress.TryRemove(job, out _);

    // Not Progress<T>: that posts each report to the thread pool, and the page may ask before it lands.
    private sealed class Reporter(ImportProgressBoard board, Guid job) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => board._progress[job] = value;
    }
}

/// <summary>Takes uploads for background import and answers for the jobs, scoped by department.</summary>
public sealed class ImportJobs(AppDbContext db, ImportRunner runner, ImportProgressBoard board, TimeProvider time)
{
    /// <summary>Stores the upload, records the job and queues it; or says why the upload is refused.</summary>
    public async Task<(ImportJob? Job, string? Error)> StartAsync(IFormFile? file, ImportMode mode, ClaimsPrincipal user, CancellationToken ct)
    {
        if (RegistryModule.UploadError(file) is { } error) return (null, error);
        var job = new ImportJob
        {
            Id = Guid.NewGuid(), FileName = Path.GetFileName(file!.FileName) is { Length: > 0 and <= 256 } name ? name : "upload",
            FileBytes = file.Length, Mode = mode, CreatedById = user.FindFirstValue(ClaimTypes.NameIdentifier),
            CreatedByName = user.Identity?.Name ?? "?", DepartmentId = user.DepartmentId(), Host = Environment.MachineName,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        var path = runner.PathOf(job.Id);
        await using (var target = File.Create(path))
            await file.CopyToAsync(target, ct);
        try
        {
            db.Add(job);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            File.Delete(path); // no job will ever read it
            throw;
        }
        runner.Enqueue(job.Id);
        return (job, null);
    }

    /// <summary>A job the user may see: an administrator any, others their department's.</summary>
    public async Task<ImportJobDto?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var job = await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null || !(user.IsInRole(Roles.Administrator) || (job.DepartmentId is { } d && d == user.DepartmentId()))) return null;
        return ImportJobDto.From(job, board.Of(id));
    }
}

/// <summary>
/// Runs queued imports one after another, each in a scope of its own with the audit trail attributed to
/// the user who uploaded the file.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes, ImportProgressBoard board, TimeProvider time, ILogger<ImportRunner> logger) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "jianguan-imports")).FullName;

    internal string PathOf(Guid job) => Path.Combine(_folder, job.ToString("N") + ".upload");

    internal void Enqueue(Guid job) => _queue.Writer.TryWrite(job);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host waits for this method's synchronous part before it serves: the first query (compiled
        // on first use, some hundred milliseconds) belongs after start-up, not in it.
        await Task.Yield();
        await FailOrphansAsync(stoppingToken);
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try { await RunAsync(id, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogError(e, "Import job {Job} could not be recorded", id); }
        }
    }

    /// <summary>Jobs this host had queued or running when it stopped: their transaction never committed.</summary>
    private async Task FailOrphansAsync(CancellationToken ct)
    {
        try
        {
            await UpdateAsync(AuditActor.System, j => j.Host == Environment.MachineName && (j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running),
                job => Finish(job, ImportJobStatus.Failed, null, "服务在导入完成前重启，未保存任何数据，请重新导入。"), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database may not be migrated yet on a first start; there are no orphans then.
            logger.LogWarning(e, "Could not look for interrupted import jobs");
        }
    }

    private async Task RunAsync(Guid id, CancellationToken ct)
    {
        var path = PathOf(id);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var job = await db.Set<ImportJob>().FirstAsync(j => j.Id == id, ct);
            var uploader = new AuditActor(job.CreatedById, job.CreatedByName, job.DepartmentId);
            scope.ServiceProvider.GetRequiredService<AuditTrail>().ActAs(uploader);
            job.Status = ImportJobStatus.Running;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear(); // the import clears it too, batch by batch
            board.For(id).Report(new ImportProgress(0, 0, job.FileBytes));

            ImportJobStatus status;
            string? report = null, error = null;
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<EntityImporter>().ImportAsync(path, job.Mode, ct, board.For(id));
                (status, report) = (ImportJobStatus.Completed, JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
            }
            catch (ImportFileException e)
            {
                (status, error) = (ImportJobStatus.Failed, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Import job {Job} failed", id);
                (status, error) = (ImportJobStatus.Failed, $"导入因系统错误中止，未保存任何数据。请联系管理员（任务编号 {id}）。");
            }
            await UpdateAsync(uploader, j => j.Id == id, j => Finish(j, status, report, error), CancellationToken.None);
        }
        finally
        {
            board.Forget(id);
            File.Delete(path);
        }
    }

    private void Finish(ImportJob job, ImportJobStatus status, string? report, string? error)
    {
        job.Status = status;
        job.Report = report;
        job.Error = error;
        job.FinishedAtUtc = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>Changes jobs in a scope of its own, so that nothing left of a failed import's work is saved with it.</summary>
    private async Task UpdateAsync(AuditActor actor, System.Linq.Expressions.Expression<Func<ImportJob, bool>> which, Action<ImportJob> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditTrail>().ActAs(actor);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var job in await db.Set<ImportJob>().Where(which).ToListAsync(ct)) change(job);
        await db.SaveChangesAsync(ct);
    }
}
