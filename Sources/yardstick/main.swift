import YardstickCLI; YardstickCLI.main()
