/** STANDIN_VERSION is the Qdrant version whose API the stand-in answers (fixtures: ../shared/fixtures/qdrant-1.19.0). */
export const STANDIN_VERSION = '1.19.0';

/** StandinConfig is one stand-in node's settings, written to a JSON file that its process reads. */
export interface StandinConfig {
  name: string;
  port: number;
  /** This node's id among its peers (Qdrant's peer_id). */
  peerId: number;
  /** Every node of the lab, this one included: the cluster view, and where writes are replicated. */
  peers: Array<{ peerId: number; url: string }>;
  /** Restore these collections from this dataset folder at start (the stand-in's snapshot recovery). */
  datasetDir?: string;
  collections?: string[];
  /** Searches waiting or running past which requests are refused with 503. */
  maxInFlight: number;
  /** A search that waited longer than this in the queue is refused with 503. */
  queueTimeoutMs: number;
  /** Qdrant's service.max_request_size_mb, in bytes. */
  maxBodyBytes: number;
}

export const QDRANT_MAX_BODY_BYTES = 32 * 1024 * 1024;
