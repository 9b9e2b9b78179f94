// The loopback HTTP server and the simulated provider live in ReelSimulator (a product
// feature); every fake here is built on them, and tests reach them through ReelTesting.
@_exported import ReelSimulator
