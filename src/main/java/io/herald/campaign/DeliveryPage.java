package io.herald.campaign;

import io.herald.delivery.Delivery;
import java.util.List;

/** What GET /campaigns/{id}/deliveries shows: one page of delivery rows with their SMTP details. */
public record DeliveryPage(int page, int size, long total, List<Delivery> items) {
}
