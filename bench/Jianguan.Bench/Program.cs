using Jianguan.Bench;

// Benchmarks of Jianguan. Each prints a Markdown row for docs/benchmarks.md with its baseline,
// measured in the same run, so the ratio survives a noisy machine.
//   dotnet run -c Release --project bench/Jianguan.Bench -- audit-verify [entries]   (JIANGUAN_BENCH_POSTGRES=<connection string> adds PostgreSQL)
//   dotnet run -c Release --project bench/Jianguan.Bench -- startup [runs]
//   dotnet run -c Release --project bench/Jianguan.Bench -- registry-search [entities]
//   dotnet run -c Release --project bench/Jianguan.Bench -- registry-import [rows]   (JIANGUAN_BENCH_POSTGRES=<connection string> adds PostgreSQL)
//   dotnet run -c Release --project bench/Jianguan.Bench -- public-lookup [entities]   (JIANGUAN_BENCH_POSTGRES=<connection string>; needs wrk)
return args.FirstOrDefault() switch
{
    "audit-verify" => await AuditVerifyBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    "startup" => await StartupBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 3),
    "registry-search" => await RegistrySearchBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    "registry-import" => await RegistryBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    "risk-reclassify" => await RiskBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    "public-lookup" => await PublicLookupBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Jianguan.Bench audit-verify [entries] | startup [runs] | registry-import [rows] | registry-search [rows] | risk-reclassify [entities] | public-lookup [entities]");
    return 2;
}
