package keybot.approvals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link Notifier} that remembers every call; it can be told to fail sending the secret. */
final class RecordingNotifier implements Notifier {

    static final KeyRequest.MessageRef MESSAGE = new KeyRequest.MessageRef("C0APPROVALS", "1700000000.000100");

    final List<KeyRequest> posted = new ArrayList<>();
    final List<KeyRequest> refreshed = new ArrayList<>();
    final List<KeyRequest> told = new ArrayList<>();
    private boolean postingFails;
    final List<KeyRequest> deliveredTo = new ArrayList<>();
    final List<String> deliveredSecrets = new ArrayList<>();
    private String deliveryFailure;

    /** Makes every later {@link #deliverSecret} throw a {@link DeliveryFailure} with this message. */
    void failDeliveryWith(String message) {
        this.deliveryFailure = message;
    }

    @Override
    public Optional<KeyRequest.MessageRef> postForApproval(KeyRequest request) {
        posted.add(request);
        return postingFails ? Optional.empty() : Optional.of(MESSAGE);
    }

    /** From now on, posting for approval fails (as with Slack's not_in_channel). */
    void failPosting() {
        postingFails = true;
    }

    @Override
    public void refreshApproval(KeyRequest request) {
        refreshed.add(request);
    }

    @Override
    public void tellRequester(KeyRequest request) {
        told.add(request);
    }

    @Override
    public void deliverSecret(KeyRequest request, Secret secret) {
        if (deliveryFailure != null) {
            throw new DeliveryFailure(deliveryFailure, null);
        }
        deliveredTo.add(request);
        deliveredSecrets.add(secret.reveal());
    }
}
