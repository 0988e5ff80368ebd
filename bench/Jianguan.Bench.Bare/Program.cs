// A bare minimal-API endpoint returning a fixed small JSON: the baseline the public credit look-up is measured
// against (bench/Jianguan.Bench, public-lookup). The route is the look-up's, so one wrk script drives both.
var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
var fixedAnswer = new Answer("91330702MA2E6WYQ2T", "金华市婺城区示例有限公司", "存续");
app.MapGet("/api/v1/public/credit/{creditCode}", (string creditCode) => fixedAnswer);
app.Run();

internal sealed record Answer(string CreditCode, string Name, string StatusName);
