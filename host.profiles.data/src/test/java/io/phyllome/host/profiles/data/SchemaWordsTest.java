package io.phyllome.host.profiles.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phyllome.host.device.Channel;
import io.phyllome.host.device.ClockOffset;
import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DiskBus;
import io.phyllome.host.device.HyperVFeature;
import io.phyllome.host.device.InputDevice;
import io.phyllome.host.device.NicModel;
import io.phyllome.host.device.SoundModel;
import io.phyllome.host.device.TpmModel;
import io.phyllome.host.device.VideoModel;
import io.phyllome.host.profile.OsFamily;

/** The published schema's words and the API's constants stay the same sets, so neither can offer what the other lacks. */
class SchemaWordsTest {

    private static final Path SCHEMA = Path.of("..", "docs", "api", "v1", "profile.schema.json");

    @Test
    void everyDeviceWordIsAConstantAndEveryConstantAWord() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        JsonNode devices = schema.at("/$defs/devices/properties");
        Map<String, Class<? extends Enum<?>>> fields = Map.of("cpu", CpuMode.class, "clock", ClockOffset.class, "diskBus", DiskBus.class,
                "cdromBus", DiskBus.class, "nic", NicModel.class, "video", VideoModel.class, "sound", SoundModel.class);
        fields.forEach((field, type) -> assertEquals(words(type, List.of()), words(devices.at("/" + field + "/enum")), field));
        assertEquals(words(HyperVFeature.class, List.of()), words(devices.at("/hyperV/items/enum")), "hyperV");
        assertEquals(words(InputDevice.class, List.of()), words(devices.at("/inputs/items/enum")), "inputs");
        assertEquals(words(Channel.class, List.of()), words(devices.at("/channels/items/enum")), "channels");
        assertEquals(words(TpmModel.class, List.of("none")), words(devices.at("/tpm/enum")), "tpm");
        assertEquals(words(OsFamily.class, List.of()), words(schema.at("/properties/family/enum")), "family");
    }

    @Test
    void everyWordMapsToItsConstant() {
        assertEquals(CpuMode.HOST_MODEL, DeviceChoices.constant(CpuMode.class, "host-model"));
        assertEquals(InputDevice.VIRTIO_KEYBOARD, DeviceChoices.constant(InputDevice.class, "virtio-keyboard"));
    }

    private static List<String> words(Class<? extends Enum<?>> type, List<String> extra) {
        List<String> words = new ArrayList<>(extra);
        Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).forEach(words::add);
        return words.stream().sorted().toList();
    }

    private static List<String> words(JsonNode list) {
        List<String> words = new ArrayList<>();
        list.forEach(n -> words.add(n.asText()));
        return words.stream().sorted().toList();
    }
}
