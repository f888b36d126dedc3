using Pantau.Web;

// One composition root (PantauHost): the web app, or a command on the same services (PantauCommands).
return await PantauCommands.RunAsync(args);

public partial class Program;
