using Pantau.Bench;

// The parts of bench/run.sh that are easier in C#: choosing what to ask for, and turning wrk's output into the report.
return args switch
{
    ["prepare", .. var rest] => await Targets.PrepareAsync(Options.Parse(rest)),
    ["report", .. var rest] => Report.Write(Options.Parse(rest)),
    ["events", .. var rest] => await EventLatency.RunAsync(Options.Parse(rest)),
    ["events-report", .. var rest] => EventLatency.Report(Options.Parse(rest)),
    ["places", .. var rest] => PlaceLookups.Run(Options.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Pantau.Bench prepare --url URL --db SQLITE_FILE --out DIR [--targets 1000]
            logs in as the Tangerang officer; writes DIR/token and the request paths DIR/paths-{ping,passport,name}.txt
        Pantau.Bench report --results DIR --out FILE
            reads DIR/<size>/wrk-<endpoint>.txt (wrk --latency output) and DIR/machine.txt; writes the results section of FILE
        Pantau.Bench events --streams URL[,URL…] --submit URL [--connections 500] [--reports 200] [--interval-ms 100] [--label L] [--out FILE.json]
            event latency from accepted report to the streams (bench/events.sh runs it)
        Pantau.Bench events-report --results DIR --out FILE [--machine FILE]
            writes DIR/events-*.json into FILE between its event-latency markers
        Pantau.Bench places [--file villages.bin] [--regions DIR] [--out FILE]
            the boundary index's start-up cost and look-ups by position and by name (bench/places.sh runs it)
        """);
    return 2;
}
