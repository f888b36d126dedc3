using Pantau.Bench;

// The parts of bench/run.sh that are easier in C#: choosing what to ask for, and turning wrk's output into the report.
return args switch
{
    ["prepare", .. var rest] => await Targets.PrepareAsync(Options.Parse(rest)),
    ["report", .. var rest] => Report.Write(Options.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Pantau.Bench prepare --url URL --db SQLITE_FILE --out DIR [--targets 1000]
            logs in as the Tangerang officer; writes DIR/token and the request paths DIR/paths-{ping,passport,name}.txt
        Pantau.Bench report --results DIR --out FILE
            reads DIR/<size>/wrk-<endpoint>.txt (wrk --latency output) and DIR/machine.txt; writes the results section of FILE
        """);
    return 2;
}
