package io.phyllome.host.rest.resource;

import io.phyllome.host.document.VmDetails;
import io.phyllome.host.document.VmLint;
import io.phyllome.host.document.VmList;
import io.phyllome.host.profile.Profiles;
import io.phyllome.host.rest.http.ApiException;
import io.phyllome.host.rest.http.Call;
import io.phyllome.host.rest.http.Json;
import io.phyllome.host.rest.http.Reply;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmPortability;
import io.phyllome.host.vm.VmSpec;

/** {@code /vms}: what {@code vm:list}, {@code vm:info}, {@code vm:create}, the lifecycle commands, {@code vm:delete} and {@code vm:lint} do. */
public final class VmResource {

    private final VirtualMachines vms;
    private final Profiles profiles;
    private final VmPortability portability;

    public VmResource(VirtualMachines vms, Profiles profiles, VmPortability portability) {
        this.vms = vms;
        this.profiles = profiles;
        this.portability = portability;
    }

    public void routes(Router router) {
        router.add("GET", "/vms", call -> Json.document(VmList.of(vms.summaries())))
                .add("POST", "/vms", this::create)
                .add("GET", "/vms/{name}", call -> Json.document(VmDetails.of(vms.info(call.param("name")))))
                .add("DELETE", "/vms/{name}", this::delete)
                .add("POST", "/vms/{name}/start", call -> done(() -> vms.start(call.param("name"))))
                .add("POST", "/vms/{name}/shutdown", call -> done(() -> vms.shutdown(call.param("name"))))
                .add("POST", "/vms/{name}/stop", call -> done(() -> vms.stop(call.param("name"))))
                .add("GET", "/vms/{name}/lint", call -> Json.document(VmLint.of(call.param("name"), portability.lint(call.param("name")))));
    }

    private Object create(Call call) throws Exception {
        VmRequest request = call.body(VmRequest.class);
        VmSpec spec = request.spec(profiles);
        VmInfo vm;
        try {
            vm = vms.create(spec);
        } catch (InvalidSpecException e) {
            // the service refused only a name that is taken: a conflict, with the service's message
            if (e.problemsWithFields().stream().allMatch(p -> p.field().equals("name"))
                    && vms.summaries().stream().anyMatch(v -> v.name().equals(spec.name()))) {
                throw new ApiException(409, e);
            }
            throw e;
        }
        if (Boolean.TRUE.equals(request.start())) {
            try {
                vms.start(vm.name());
            } catch (VmException e) {
                throw new VmException("created " + vm.name() + ", but it did not start: " + e.getMessage(), e);
            }
            vm = vms.info(vm.name());
        }
        call.response().setHeader("Location", "/api/v1/vms/" + vm.name());
        return new Reply(201, Json.document(VmDetails.of(vm)));
    }

    /** Deletes only with an explicit choice for the disks, as {@code vm:delete} asks for one. */
    private Object delete(Call call) {
        String name = call.param("name");
        String disks = call.query("disks");
        if (!"delete".equals(disks) && !"keep".equals(disks)) {
            vms.info(name); // an unknown VM is a 404 before anything else
            throw new ApiException(400, "say what happens to the disks of '" + name + "': ?disks=delete deletes them too, ?disks=keep keeps them");
        }
        vms.delete(name, "keep".equals(disks));
        return Reply.noContent();
    }

    private static Object done(Runnable action) {
        action.run();
        return Reply.noContent();
    }
}
