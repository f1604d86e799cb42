using Lottery.Infrastructure;
using Lottery.Web.Endpoints;
using Lottery.Web.Extensions;
using Lottery.Web.Features.Board;

var builder = WebApplication.CreateBuilder(args);
builder.AddInfrastructure();
builder.AddLotteryWeb();
builder.AddLotteryApi();
builder.Services.AddLiveBoards();

var app = builder.Build();
app.UseLotteryWeb();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapLotteryApi();
app.MapPlayPages();
app.MapLiveBoards();
app.MapLotteryPages();
app.PrintStartupBanner();
app.Run();
