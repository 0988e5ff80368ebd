using Jianguan.Bench;

// Benchmarks of Jianguan. Each prints a Markdown row for docs/benchmarks.md with its baseline,
// measured in the same run, so the ratio survives a noisy machine.
//   dotnet run -c Release --project bench/Jianguan.Bench -- audit-verify [entries]   (JIANGUAN_BENCH_POSTGRES=<connection string> adds PostgreSQL)
//   dotnet run -c Release --project bench/Jianguan.Bench -- startup [runs]
//   dotnet run -c Release --project bench/Jianguan.Bench -- registry-search [entities]
//   dotnet run -c Release --project bench/Jianguan.Bench -- registry-import [rows]   (JIANGUAN_BENCH_POSTGRES=<connection string> adds PostgreSQL)
//   dotnet run -c Release --project bench/Jianguan.Bench -- public-lookup [entities]   (JIANGUAN_BENCH_POSTGRES=<connection string>; needs wrk)
//   dotnet run -c Release --project bench/Jianguan.Bench -- draw [entities] [strata]   (the platform's pool reader and draw on its schema; JIANGUAN_BENCH_POSTGRES adds PostgreSQL, JIANGUAN_BENCH_SQLITE=0 leaves SQLite out, JIANGUAN_BENCH_KEEP keeps the SQLite file)
//   dotnet run -c Release --project bench/Jianguan.Bench -- draw-hash [codes]
//   dotnet run -c Release --project bench/Jianguan.Bench -- draw-assign [entities] [officers]
//   dotnet run -c Release --project bench/Jianguan.Bench -- draw-verify [entities] [officers]   (JIANGUAN_BENCH_ROUNDS: rounds of parse and verify, the best of each kept; 2 by default)
//   dotnet run -c Release --project bench/Jianguan.Bench -- sync [inspections]   (JIANGUAN_BENCH_POSTGRES adds PostgreSQL, JIANGUAN_BENCH_SQLITE=0 leaves SQLite out; JIANGUAN_BENCH_SENDERS, JIANGUAN_BENCH_PHOTO_KB, JIANGUAN_BENCH_R2R, JIANGUAN_BENCH_SPIN vary the run; JIANGUAN_BENCH_REQUESTS=N first measures each kind of request alone)
return args.FirstOrDefault() switch
{
    "audit-verify" => await AuditVerifyBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    "startup" => await StartupBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 3),
    "registry-search" => await RegistrySearchBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    "registry-import" => await RegistryBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    "risk-reclassify" => await RiskBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    "public-lookup" => await PublicLookupBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    "draw" => await DrawBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 10_000_000, args.Length > 2 ? int.Parse(args[2]) : 200),
    "draw-hash" => DrawHashBench.Run(args.Length > 1 ? int.Parse(args[1]) : 10_000_000),
    "draw-assign" => DrawAssignBench.RunAssign(args.Length > 1 ? int.Parse(args[1]) : 500_000, args.Length > 2 ? int.Parse(args[2]) : 20_000),
    "draw-verify" => DrawAssignBench.RunVerify(args.Length > 1 ? int.Parse(args[1]) : 10_000_000, args.Length > 2 ? int.Parse(args[2]) : 20_000),
    "sync" => await SyncBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 100),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Jianguan.Bench audit-verify [entries] | startup [runs] | registry-import [rows] | registry-search [rows] | risk-reclassify [entities] | public-lookup [entities] | draw [entities] [strata] | draw-hash [codes] | draw-assign [entities] [officers] | draw-verify [entities] [officers] | sync [inspections]");
    return 2;
}
