package io.phyllome.bench;

import java.util.ArrayList;
import java.util.List;

import io.phyllome.bench.platform.Results;

/**
 * Issue 8, part 2: inside a running platform, create + start + stop + delete of a small VM
 * (linux profile, no disk; it runs a second before it is stopped) against the same operations
 * by virsh on the identical domain XML, on the system daemon. The virsh baseline is timed by
 * virsh itself in sessions of its own: the libvirt calls without process starts, as a platform
 * that stays connected makes them.
 */
final class ProvisioningSuite {

    private static final String[][] OPS = { { "create", "`vm:create` / `virsh define`" }, { "start", "`vm:start` / `virsh start`" },
            { "stop", "`vm:stop` / `virsh destroy`" }, { "delete", "`vm:delete` / `virsh undefine --nvram`" } };

    private final Context ctx;

    ProvisioningSuite(Context ctx) {
        this.ctx = ctx;
    }

    List<Row> run() throws Exception {
        int cycles = ctx.sizes().cycles();
        Results r = InProcess.run(ctx, "provisioning", cycles, 1);
        List<Row> rows = new ArrayList<>();
        double mine = 0, theirs = 0, cli = 0;
        int i = 1;
        for (String[] op : OPS) {
            double p = Stats.median(r.list("platform." + op[0]));
            double v = Stats.median(r.list("virsh." + op[0]));
            mine += p;
            theirs += v;
            cli += Stats.median(r.list("virshcli." + op[0]));
            rows.add(Row.info("P" + i++, op[1], p, v, "virsh, one session (`virsh -t`)", "ms", "median of " + cycles + " cycles"
                    + (op[0].equals("stop") ? "; the VM ran " + Math.round(r.get("run.ms")) + " ms" : "")));
        }
        double overhead = mine / theirs - 1;
        rows.add(new Row("P5", "create + start + stop + delete", mine, theirs, "virsh, one session (`virsh -t`)", "ms", "≤ +10 % over libvirt",
                overhead <= 0.10, String.format("the platform adds %+.1f %% (%+.1f ms a cycle)", overhead * 100, mine - theirs)));
        rows.add(Row.info("P6", "create + start + stop + delete, virsh as users type it", mine, cli, "virsh, one process per command", "ms",
                "each virsh process starts and connects anew"));
        return rows;
    }
}
