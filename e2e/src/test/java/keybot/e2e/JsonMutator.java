package keybot.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Breaks a JSON payload in place: fields removed, replaced by any type, renamed, or grown huge. */
final class JsonMutator {

    private final Random random;
    private final Junk junk;

    JsonMutator(Random random, Junk junk) {
        this.random = random;
        this.junk = junk;
    }

    /** Applies one to four random mutations. */
    void mutate(JsonObject payload) {
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            List<Slot> slots = new ArrayList<>();
            collect(payload, slots);
            if (slots.isEmpty()) {
                return;
            }
            Slot slot = slots.get(random.nextInt(slots.size()));
            switch (random.nextInt(6)) {
                case 0 -> slot.remove();
                case 1, 2 -> slot.set(junk.json(0));
                case 3 -> slot.set(new JsonPrimitive(junk.text()));
                case 4 -> slot.set(new JsonPrimitive(junk.huge(1 + random.nextInt(20_000))));
                default -> slot.set(slot.get().isJsonPrimitive() ? new JsonObject() : new JsonPrimitive("x"));
            }
        }
    }

    private static void collect(JsonElement element, List<Slot> slots) {
        if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            for (String key : new ArrayList<>(object.keySet())) {
                slots.add(new Slot(object, key, -1));
                collect(object.get(key), slots);
            }
        } else if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    /** One place in the tree: a key of an object or an index of an array. */
    private record Slot(JsonElement parent, String key, int index) {

        JsonElement get() {
            return key != null
                    ? parent.getAsJsonObject().get(key)
                    : parent.getAsJsonArray().get(index);
        }

        void set(JsonElement value) {
            if (key != null) {
                parent.getAsJsonObject().add(key, value);
            } else if (index < parent.getAsJsonArray().size()) {
                parent.getAsJsonArray().set(index, value);
            }
        }

        void remove() {
            if (key != null) {
                parent.getAsJsonObject().remove(key);
            } else if (index < parent.getAsJsonArray().size()) {
                parent.getAsJsonArray().remove(index);
            }
        }
    }
}
