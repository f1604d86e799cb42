using Lottery.Infrastructure;
using Lottery.Web.Endpoints;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Reports;
using Lottery.Web.Warmup;

var builder = WebApplication.CreateBuilder(args);
builder.AddInfrastructure();
builder.AddLotteryWeb();
builder.AddLotteryApi();
builder.Services.AddLiveResults();
builder.AddStartupWarmup();

var app = builder.Build();
app.UseLotteryWeb();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapLotteryApi();
app.MapPlayPages();
app.MapLiveResults();
app.MapLotteryPages();
app.PrintStartupBanner();
app.Run();
