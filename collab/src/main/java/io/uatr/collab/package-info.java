/**
 * Collaborative private training (PC-MoE, Zhang, Ding and Low, arXiv 2506.02965): several parties,
 * each keeping its recordings, its backbone (stem, trunk, gates, towers) and a round-robin shard of
 * the expert pool, train one mixture of experts together over gRPC with mutual TLS. Only hidden
 * activations routed to selected experts, the expert outputs and their gradients cross party
 * boundaries (and, for export, expert weights).
 */
package io.uatr.collab;
