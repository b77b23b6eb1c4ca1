package keybot.approvals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Notifier} that remembers every effect it performed, and every secret it sent; it can be told how the
 * next performances of a kind of effect go, and to fail sending the secret. A post is posted at {@link #MESSAGE}.
 */
final class RecordingNotifier implements Notifier {

    static final KeyRequest.MessageRef MESSAGE = new KeyRequest.MessageRef("C0APPROVALS", "1700000000.000100");

    /** One effect performed, with the request as it was shown. */
    record Performed(Effect effect, KeyRequest request) {}

    final List<Performed> performed = new ArrayList<>();
    final List<KeyRequest> deliveredTo = new ArrayList<>();
    final List<String> deliveredSecrets = new ArrayList<>();
    private final Map<Effect.Kind, Deque<Outcome>> next = new EnumMap<>(Effect.Kind.class);
    private final Map<Effect.Kind, Deque<RuntimeException>> thrown = new EnumMap<>(Effect.Kind.class);
    private final Map<Effect.Kind, Runnable> meanwhile = new EnumMap<>(Effect.Kind.class);
    private DeliveryFailure deliveryFailure;
    private int deliveryFailuresLeft;

    /** The next performances of effects of this kind go as given, one each, in order; later ones succeed. */
    void answerNext(Effect.Kind kind, Outcome... outcomes) {
        next.computeIfAbsent(kind, k -> new ArrayDeque<>()).addAll(List.of(outcomes));
    }

    /** The next performances of effects of this kind throw these, one each, in order, as a bug would. */
    void throwNext(Effect.Kind kind, RuntimeException... failures) {
        thrown.computeIfAbsent(kind, k -> new ArrayDeque<>()).addAll(List.of(failures));
    }

    /** Something that happens elsewhere while the next effect of this kind is being performed. */
    void duringNext(Effect.Kind kind, Runnable elsewhere) {
        meanwhile.put(kind, elsewhere);
    }

    /** Makes the next {@code times} calls of {@link #deliverSecret} throw {@code failure}. */
    void failNextDeliveries(DeliveryFailure failure, int times) {
        this.deliveryFailure = failure;
        this.deliveryFailuresLeft = times;
    }

    /** The requests as shown by the effects of this kind performed so far, oldest first. */
    List<KeyRequest> shown(Effect.Kind kind) {
        return performed.stream()
                .filter(p -> p.effect().kind() == kind)
                .map(Performed::request)
                .toList();
    }

    @Override
    public Outcome perform(KeyRequest request, Effect effect) {
        performed.add(new Performed(effect, request));
        Runnable elsewhere = meanwhile.remove(effect.kind());
        if (elsewhere != null) {
            elsewhere.run();
        }
        Deque<RuntimeException> failures = thrown.get(effect.kind());
        if (failures != null && !failures.isEmpty()) {
            throw failures.poll();
        }
        Deque<Outcome> planned = next.get(effect.kind());
        if (planned != null && !planned.isEmpty()) {
            return planned.poll();
        }
        return effect.kind() == Effect.Kind.POST_REQUEST ? Outcome.posted(MESSAGE) : Outcome.DONE;
    }

    @Override
    public void deliverSecret(KeyRequest request, Secret secret) {
        if (deliveryFailuresLeft > 0) {
            deliveryFailuresLeft--;
            throw deliveryFailure;
        }
        deliveredTo.add(request);
        deliveredSecrets.add(secret.reveal());
    }
}
